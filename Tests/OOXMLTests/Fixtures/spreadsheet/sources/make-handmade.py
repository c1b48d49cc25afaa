# Builds handmade-inline.xlsx: a workbook as minimal producers write it (no <dimension>, inline
# strings, cells and rows without r, absolute relationship targets, no sharedStrings part,
# a chartsheet entry, extension elements). Fixed timestamps keep the bytes stable.
import zipfile, sys
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/package/2006/relationships"
parts = {
"[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
"_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
"xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/><sheet name="图表1" sheetId="2" r:id="rId2"/></sheets></workbook>',
"xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="{R}/chartsheet" Target="./chartsheets/sheet1.xml"/></Relationships>',
"xl/worksheets/data.xml": f'''<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{M}" xmlns:r="{R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">
<sheetData>
<row><c t="inlineStr"><is><t>项目</t></is></c><c t="inlineStr"><is><r><rPr><b/></rPr><t>金</t></r><r><t>额</t></r></is></c></row>
<row x14ac:dyDescent="0.25"><c t="inlineStr"><is><t xml:space="preserve">  财政拨款  </t></is></c><c><v>1704.8699999999999</v></c></row>
<row r="5"><c r="B5" t="b"><v>1</v></c><c t="d"><v>2021-12-31T00:00:00Z</v></c><c t="e"><v>#N/A</v></c></row>
</sheetData>
<mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>
<extLst><ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst>
</worksheet>''',
"xl/chartsheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><chartsheet xmlns="{M}"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>',
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
