// libxml2 built with ICU pulls <unicode/ucnv.h> into encoding.h, whose `UErrorCode` clashes with
// Foundation's bundled ICU (_FoundationICU) in any Swift module that imports both. The reader
// never touches xmlCharEncodingHandler (the only struct whose layout depends on ICU), so hide it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/HTMLparser.h>
