#!/usr/bin/python3
"""Writes the PDF fixtures of PdfReaderTests from invented plan text (run once; the PDFs are
committed). Needs Debian's python3-cairo and fonts-wqy-microhei:
  /usr/bin/python3 Tests/PlanScopeTests/Fixtures/pdf/make_pdfs.py
Chinese lines are wrapped at a fixed width without spaces, as word processors print them, with a
running header and a page number on every page, so the reader must re-join lines and drop both.
"""
import os
import cairo

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "WenQuanYi Micro Hei"
W, H = 595, 842  # A4 in points
SIZE = 14
PER_LINE = 30    # characters per printed line

def paragraphs_to_lines(paragraphs, per_line=PER_LINE):
    lines = []
    for text in paragraphs:
        while len(text) > per_line:
            lines.append(text[:per_line])
            text = text[per_line:]
        lines.append(text)
    return lines

def new_page(ctx, header, number):
    ctx.select_font_face(FONT)
    ctx.set_font_size(10)
    ctx.move_to(W / 2 - 60, 40)
    ctx.show_text(header)
    ctx.move_to(W / 2 - 15, H - 30)
    ctx.show_text(f"— {number} —")
    ctx.set_font_size(SIZE)

def simple(path):
    body = [
        "甲市城乡垃圾分类三年行动方案",
        "一、主要目标",
        "到2025年，全市城市生活垃圾回收利用率达到35%以上，农村生活垃圾收运处置体系覆盖所有行政村，其中无害化处理率保持在100%。",
        "二、重点任务",
        "（一）完善分类设施。各区县2024年底前完成分类投放点改造，市城市管理局牵头，市财政局、市生态环境局配合。",
        "（二）健全收运体系。新增分类运输车辆120辆，建成中转站15座，由市城市管理局负责。",
        "三、保障措施",
        "加强宣传引导，每年组织开展集中宣传活动不少于4次，将工作成效纳入年度考核，确保各项目标任务按期完成。",
    ]
    lines = paragraphs_to_lines(body)
    surface = cairo.PDFSurface(path, W, H)
    ctx = cairo.Context(surface)
    per_page = 12
    for start in range(0, len(lines), per_page):
        new_page(ctx, "甲市人民政府办公室文件", start // per_page + 1)
        y = 100
        for line in lines[start:start + per_page]:
            ctx.move_to(72, y)
            ctx.show_text(line)
            y += 28
        ctx.show_page()
    surface.finish()
    return body

def two_columns(path):
    left = ["一、目标", "到2026年，乙县绿色建筑占新建建筑比例达到80%，既有建筑节能改造面积10万平方米。"]
    right = ["二、分工", "县住房城乡建设局牵头，县发展改革局配合，2026年6月底前完成评估。"]
    surface = cairo.PDFSurface(path, W, H)
    ctx = cairo.Context(surface)
    new_page(ctx, "乙县建筑节能实施方案", 1)
    for x, column in [(50, left), (310, right)]:
        y = 100
        for line in paragraphs_to_lines(column, per_line=15):
            ctx.move_to(x, y)
            ctx.show_text(line)
            y += 26
    ctx.show_page()
    surface.finish()
    # One page: its top line is no running header (nothing repeats it), it stays.
    return ["乙县建筑节能实施方案"] + left + right

def scanned(path):
    surface = cairo.PDFSurface(path, W, H)
    ctx = cairo.Context(surface)
    # A page drawn as shapes only, like a scan: no text layer.
    ctx.set_source_rgb(0.2, 0.2, 0.2)
    for row in range(20):
        ctx.rectangle(72, 100 + row * 30, 400 - (row % 3) * 50, 12)
    ctx.fill()
    ctx.show_page()
    surface.finish()

if __name__ == "__main__":
    for name, make in [("plan_wrapped", simple), ("two_columns", two_columns)]:
        paragraphs = make(os.path.join(HERE, name + ".pdf"))
        with open(os.path.join(HERE, name + ".expected.txt"), "w", encoding="utf-8") as out:
            out.write("\n".join(paragraphs) + "\n")
    scanned(os.path.join(HERE, "scanned.pdf"))
