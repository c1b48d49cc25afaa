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
body { margin: 0; padding: 24px 32px 48px; color: #1d232b; background: #f6f7f9;
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 15px; line-height: 1.6; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 10px; }
.meta { color: var(--muted); font-size: 13px; margin: 0; word-break: break-all; }
.verdict { margin: 16px 0; padding: 10px 14px; border-radius: 6px; font-weight: bold; }
.verdict.bad { background: var(--err-bg); color: var(--err); }
.verdict.good { background: var(--ok-bg); color: var(--ok); }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.stat { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px; }
.stat .n { display: block; font-size: 26px; font-weight: bold; }
.stat .l { color: var(--muted); font-size: 13px; }
.stat.error .n { color: var(--err); } .stat.hint .n { color: var(--hint); } .stat.explained .n { color: var(--ok); }
.count { color: var(--muted); font-weight: normal; font-size: 13px; margin-left: 8px; }
.finding { display: flex; gap: 16px; background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--line);
  border-radius: 6px; padding: 12px 16px; margin: 10px 0; }
.finding.error { border-left-color: var(--err); } .finding.hint { border-left-color: #d9a400; }
.finding.explained { border-left-color: var(--ok); }
.finding .body { flex: 1 1 auto; min-width: 0; }
.finding .values { flex: 0 0 300px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px; font-weight: bold; margin-right: 6px; }
.badge.error { background: var(--err-bg); color: var(--err); } .badge.hint { background: var(--hint-bg); color: var(--hint); }
.badge.explained { background: var(--ok-bg); color: var(--ok); }
.loc { color: var(--muted); font-size: 13px; }
.rule { color: var(--muted); font-size: 12px; font-family: monospace; }
.message { margin: 6px 0; }
.compare { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; font-size: 14px; }
.compare dt { color: var(--muted); } .compare dd { margin: 0; font-variant-numeric: tabular-nums; }
blockquote { margin: 8px 0; padding: 6px 12px; background: #f3f4f6; border-left: 3px solid #9aa3af; }
mark { background: #ffe066; padding: 0 2px; border-radius: 2px; font-weight: bold; }
.explanation { margin: 6px 0; padding: 6px 10px; background: var(--ok-bg); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef0f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.none { color: var(--muted); }
#unbound th:nth-child(1) { width: 22%; } #unbound th:nth-child(2) { width: 50%; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } .finding { break-inside: avoid; } }
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
<h2>概况</h2>
<div class="summary">
<div class="stat error"><span class="n">{{errors}}</span><span class="l">错误</span></div>
<div class="stat hint"><span class="n">{{hints}}</span><span class="l">提示</span></div>
<div class="stat explained"><span class="n">{{explained}}</span><span class="l">已说明</span></div>
<div class="stat"><span class="n">{{claimsFound}}</span><span class="l">说明中的数字</span></div>
<div class="stat"><span class="n">{{claimsBound}}</span><span class="l">已对应到表格</span></div>
<div class="stat"><span class="n">{{claimsUnbound}}</span><span class="l">未能对应</span></div>
</div>
</section>
<section id="findings">
<h2>核对结果<span class="count">共 {{total}} 项</span></h2>
{{#noFindings}}<p class="none">没有发现问题。</p>{{/noFindings}}
{{#sections}}
<section class="group">
<h3>{{title}}<span class="count">{{count}} 项</span></h3>
{{#findings}}
<article class="finding {{severityClass}}{{#explanation}} explained{{/explanation}}" data-key="{{key}}">
<div class="body">
<div><span class="badge {{severityClass}}">{{severity}}</span>{{#explanation}}<span class="badge explained">已说明</span>{{/explanation}}<span class="loc">{{location}}</span></div>
<p class="message">{{message}}</p>
{{#hasComparison}}<dl class="compare">{{#expected}}<dt>应为</dt><dd>{{expected}}</dd>{{/expected}}{{#found}}<dt>实为</dt><dd>{{found}}</dd>{{/found}}</dl>{{/hasComparison}}
{{#quote}}<blockquote>{{before}}{{#mark}}<mark>{{mark}}</mark>{{/mark}}{{after}}</blockquote>{{/quote}}
{{#explanation}}<div class="explanation">出错说明：{{explanation}}</div>{{/explanation}}
<div class="rule">规则 {{rule}}</div>
</div>
{{#hasTableValues}}<div class="values"><table><tr><th>表格项目</th><th>数值</th></tr>{{/hasTableValues}}
{{#tableValues}}<tr><td>{{label}}</td><td class="num">{{value}}</td></tr>{{/tableValues}}
{{#hasTableValues}}</table></div>{{/hasTableValues}}
</article>
{{/findings}}
</section>
{{/sections}}
</section>
<section id="unbound">
<h2>未能对应到表格的数字<span class="count">{{claimsUnbound}} 项</span></h2>
{{^unbound}}<p class="none">说明中的数字均已对应到表格。</p>{{/unbound}}
{{#hasUnbound}}<table><tr><th>所在部分</th><th>原句</th><th>原因</th></tr>{{/hasUnbound}}
{{#unbound}}<tr><td>{{section}}</td><td>{{before}}{{#mark}}<mark>{{mark}}</mark>{{/mark}}{{after}}</td><td>{{reason}}</td></tr>{{/unbound}}
{{#hasUnbound}}</table>{{/hasUnbound}}
</section>
<footer>本报告由 juesuan 生成。“错误”须更正或说明；“提示”为尾差、措辞等，请酌情核对；“已说明”为审核人在核对结果表中填写了出错说明的项目。</footer>
</body>
</html>
"""#
