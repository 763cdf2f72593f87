// Linux calls Glibc's Swift module leaves out (GNU extensions), wrapped for Swift.
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

// Starts writing a file's dirty pages back without waiting for them.
static inline int planscope_start_writeback(int descriptor) {
  return sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
}

// Starts writing back the dirty pages of `count` bytes from `offset` without waiting for them.
static inline int planscope_start_writeback_range(int descriptor, long long offset, long long count) {
  return sync_file_range(descriptor, offset, count, SYNC_FILE_RANGE_WRITE);
}

// Writes back every dirty page of the file system holding the open file or folder.
static inline int planscope_syncfs(int descriptor) { return syncfs(descriptor); }
