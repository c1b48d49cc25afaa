// The page template, kept as a Swift string so the module needs no resource bundle.
// {{x}} is HTML-escaped by swift-mustache; the template never uses {{{x}}} (unescaped) for data.
let htmlReportTemplate = #"""
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>核对报告 — {{title}}</title>
<style>
:root { --err: #b42318; --err-bg: #fdecea; --hint: #8a5a00; --hint-bg: #fff4d6; --ok: #1f7a3a; --ok-bg: #e6f4ea;
  --line: #d9dde3; --muted: #5f6673; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 48px; color: #1d232b; background: #f6f7f9;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 15px; line-height: 1.6; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 6px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 8px; }
a { color: inherit; }
.meta { color: var(--muted); font-size: 13px; margin: 0; word-break: break-all; }
.verdict { margin: 16px 0; padding: 10px 14px; border-radius: 6px; font-weight: bold; }
.verdict.bad { background: var(--err-bg); color: var(--err); }
.verdict.good { background: var(--ok-bg); color: var(--ok); }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.stat { display: block; text-decoration: none; background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 16px; min-width: 130px; }
a.stat:hover { border-color: #9aa3af; }
.stat .n { display: block; font-size: 28px; font-weight: bold; line-height: 1.3; }
.stat .l { color: var(--muted); font-size: 13px; }
.stat.error { border-top: 4px solid var(--err); } .stat.error .n { color: var(--err); }
.stat.hint { border-top: 4px solid #d9a400; } .stat.hint .n { color: var(--hint); }
.stat.explained { border-top: 4px solid var(--ok); } .stat.explained .n { color: var(--ok); }
.claims { color: var(--muted); font-size: 14px; margin: 4px 0 0; }
.toc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; margin: 16px 0 0; font-size: 14px; }
.toc p { margin: 6px 0; display: flex; gap: 14px; align-items: baseline; }
.toc strong { flex: 0 0 11em; } .toc .links { display: flex; flex-wrap: wrap; gap: 2px 14px; }
.toc .links a { color: #1d4ed8; text-decoration: none; } .toc .links a:hover { text-decoration: underline; }
.toc a { white-space: nowrap; }
.toc .errors strong { color: var(--err); } .toc .hints strong { color: var(--hint); } .toc .explained strong { color: var(--ok); }
.lead { color: var(--muted); font-size: 14px; margin: 0 0 8px; }
.count { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 8px; }
.level.errors h2 { color: var(--err); border-bottom-color: var(--err); }
.level.hints h2 { color: var(--hint); border-bottom-color: #d9a400; }
.level.explained h2 { color: var(--ok); border-bottom-color: var(--ok); }
details.finding { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--line); border-radius: 6px;
  margin: 8px 0; }
details.finding.error { border-left-color: var(--err); } details.finding.hint { border-left-color: #d9a400; }
details.finding.explained { border-left-color: var(--ok); }
details.finding > summary { cursor: pointer; padding: 8px 14px; display: flex; gap: 10px; align-items: baseline; list-style: none; }
details.finding > summary::-webkit-details-marker { display: none; }
details.finding > summary::before { content: "▸"; color: var(--muted); width: 1em; flex: 0 0 1em; }
details.finding[open] > summary::before { content: "▾"; }
details.finding[open] > summary { border-bottom: 1px dashed var(--line); }
.badge { flex: 0 0 auto; display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px; font-weight: bold; }
.badge.error { background: var(--err-bg); color: var(--err); } .badge.hint { background: var(--hint-bg); color: var(--hint); }
.badge.explained { background: var(--ok-bg); color: var(--ok); }
.place { flex: 0 0 auto; min-width: 4.5em; font-family: "DejaVu Sans Mono", monospace; font-weight: bold; color: #1d4ed8; }
.what { flex: 1 1 auto; font-weight: bold; }
.detail { display: flex; gap: 20px; padding: 10px 16px 12px 40px; }
.detail .body { flex: 1 1 auto; min-width: 0; }
.detail .values { flex: 0 0 320px; }
.where { margin: 0 0 6px; font-size: 14px; }
.where .cell { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; background: #e8efff; color: #1d4ed8; padding: 0 4px; border-radius: 3px; }
.where .others { color: var(--muted); }
.compare { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.compare div { border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; font-size: 14px; }
.compare span { color: var(--muted); margin-right: 6px; }
.compare strong { font-variant-numeric: tabular-nums; }
.compare .found strong { color: var(--err); } .compare .expected strong { color: var(--ok); }
.message { margin: 6px 0; color: #374151; font-size: 14px; }
ul.parts { margin: 2px 0 6px; padding-left: 20px; font-size: 13px; color: #374151; columns: 2; column-gap: 24px; }
blockquote { margin: 6px 0; padding: 6px 12px; background: #f3f4f6; border-left: 3px solid #9aa3af; }
blockquote .src { display: block; color: var(--muted); font-size: 12px; }
mark { background: #ffe066; padding: 0 2px; border-radius: 2px; font-weight: bold; }
.explanation { margin: 6px 0; padding: 6px 10px; background: var(--ok-bg); border-radius: 4px; }
.rule { color: var(--muted); font-size: 12px; font-family: monospace; }
table { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.none { color: var(--muted); }
#unbound th:nth-child(1) { width: 22%; } #unbound th:nth-child(2) { width: 50%; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } details.finding { break-inside: avoid; } }
</style>
</head>
<body>
<header>
<h1>决算核对报告：{{title}}</h1>
<p class="meta">决算表：{{workbookPath}}</p>
{{#narrativePath}}<p class="meta">情况说明：{{narrativePath}}</p>{{/narrativePath}}
</header>
<div class="verdict {{verdictClass}}">{{verdict}}</div>
<section id="summary">
<div class="summary">
<a class="stat error" href="#errors"><span class="n">{{errors}}</span><span class="l">错误</span></a>
<a class="stat hint" href="#hints"><span class="n">{{hints}}</span><span class="l">提示</span></a>
<a class="stat explained" href="#explained"><span class="n">{{explained}}</span><span class="l">已说明</span></a>
<a class="stat" href="#unbound"><span class="n">{{claimsFound}}</span><span class="l">说明中的数字</span></a>
<a class="stat" href="#unbound"><span class="n">{{claimsBound}}</span><span class="l">已对应到表格</span></a>
<a class="stat" href="#unbound"><span class="n">{{claimsUnbound}}</span><span class="l">未能对应</span></a>
</div>
{{#hasGaps}}<p class="claims">提示中有 {{gaps}} 处是四舍五入造成的尾差。</p>{{/hasGaps}}
{{#noFindings}}<p class="none">没有发现问题。</p>{{/noFindings}}
{{^noFindings}}<nav class="toc">
{{#sections}}<p class="{{id}}"><strong><a href="#{{id}}">{{title}}</a> {{count}} 项</strong><span class="links">{{#groups}}<a href="#{{anchor}}">{{title}}（{{count}}）</a>{{/groups}}</span></p>
{{/sections}}</nav>{{/noFindings}}
</section>
{{#sections}}
<section id="{{id}}" class="level {{id}}">
<h2>{{title}}<span class="count">共 {{count}} 项</span></h2>
<p class="lead">{{lead}}</p>
{{#empty}}<p class="none">没有需要更正的错误。</p>{{/empty}}
{{#groups}}
<section class="group" id="{{anchor}}">
<h3>{{title}}<span class="count">{{count}} 项</span></h3>
{{#findings}}
<details class="finding {{severityClass}}{{#explained}} explained{{/explained}}" data-key="{{key}}"{{#open}} open{{/open}}>
<summary><span class="badge {{severityClass}}">{{severity}}</span>{{#explained}}<span class="badge explained">已说明</span>{{/explained}}<span class="place">{{place}}</span><span class="what">{{summary}}</span></summary>
<div class="detail">
<div class="body">
{{#cells}}<p class="where">位置：工作表「{{sheet}}」 <span class="cell">{{first}}</span>{{#others}}<span class="others">　另涉及 {{others}}</span>{{/others}}</p>{{/cells}}
{{#plainLocation}}<p class="where">位置：{{plainLocation}}</p>{{/plainLocation}}
{{#quote}}<p class="where">位置：情况说明「{{section}}」第{{paragraph}}段</p>
<blockquote>{{before}}{{#mark}}<mark>{{mark}}</mark>{{/mark}}{{after}}</blockquote>{{/quote}}
{{#hasCompare}}<div class="compare">{{/hasCompare}}{{#compare}}<div class="{{class}}"><span>{{label}}</span><strong>{{value}}</strong></div>{{/compare}}{{#hasCompare}}</div>{{/hasCompare}}
{{#message}}<p class="message">{{message}}</p>{{/message}}
{{#hasParts}}<ul class="parts">{{#parts}}<li>{{text}}</li>{{/parts}}</ul>{{/hasParts}}
{{#explanation}}<div class="explanation">出错说明：{{explanation}}</div>{{/explanation}}
<div class="rule">规则 {{rule}}</div>
</div>
{{#hasTableValues}}<div class="values"><table><tr><th>表格中的数</th><th>数值</th></tr>{{/hasTableValues}}
{{#tableValues}}<tr><td>{{label}}</td><td class="num">{{value}}</td></tr>{{/tableValues}}
{{#hasTableValues}}</table></div>{{/hasTableValues}}
</div>
</details>
{{/findings}}
</section>
{{/groups}}
</section>
{{/sections}}
<section id="unbound">
<h2>未能对应到表格的数字<span class="count">{{claimsUnbound}} 项</span></h2>
{{^unbound}}<p class="none">说明中的数字均已对应到表格。</p>{{/unbound}}
{{#hasUnbound}}<p class="lead">这些数字没有核对，请人工确认。</p><table><tr><th>所在部分</th><th>原句</th><th>原因</th></tr>{{/hasUnbound}}
{{#unbound}}<tr><td>{{section}}</td><td>{{before}}{{#mark}}<mark>{{mark}}</mark>{{/mark}}{{after}}</td><td>{{reason}}</td></tr>{{/unbound}}
{{#hasUnbound}}</table>{{/hasUnbound}}
</section>
<footer>本报告由 juesuan 生成。“错误”须更正或说明；“提示”为尾差、措辞等，请酌情核对；“已说明”为审核人在核对结果表中填写了出错说明的项目。点开每一项可看位置、原句与完整说明。</footer>
<script>
// A printed report is read without clicking: open every folded finding for printing, then fold them back.
(function () {
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details.finding"), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (d) { d.open = false; });
    folded = [];
  });
})();
</script>
</body>
</html>
"""#
