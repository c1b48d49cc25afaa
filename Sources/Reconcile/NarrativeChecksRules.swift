extension NarrativeChecker {
    /// Every narrative rule: stable id and what it requires, in Chinese (docs/narrative-rules.md).
    public static let rules: [(id: String, description: String)] = [
        ("N.sum.income", "本年收入合计等于所列各项收入之和"),
        ("N.sum.expenditure", "本年支出合计等于基本、项目、上缴上级、经营、对附属单位补助支出之和"),
        ("N.sum.classes", "一般公共预算财政拨款支出等于所列各类（类级科目）支出之和"),
        ("N.sum.items", "每类支出等于“具体情况”所列该类各项之和；未写类级数字时，各项之和等于一般公共预算财政拨款支出"),
        ("N.sum.basic", "一般公共预算财政拨款基本支出等于人员经费＋公用经费"),
        ("N.sum.personnel", "人员经费等于所列明细之和（“主要包括……等”时明细之和不超过人员经费）"),
        ("N.sum.publicFunds", "公用经费等于所列明细之和（“主要包括……等”时明细之和不超过公用经费）"),
        ("N.sum.threePublic", "“三公”经费等于三项之和；公务用车购置及运行维护费等于购置费＋运行维护费；公务接待费等于国内＋外事接待费"),
        ("N.sum.governmentFund", "政府性基金预算财政拨款支出与所列项目之和相符（“主要为”时项目之和不超过支出）"),
        ("N.sum.procurement", "政府采购支出总额等于货物、工程、服务支出之和"),
        ("N.sum.attachmentProjects", "附件各项目执行数之和不超过项目支出"),
        ("N.relation.generalBudget", "一般公共预算财政拨款支出不超过本年支出合计"),
        ("N.relation.fiscalTotal", "财政拨款收、支总计不超过收、支总计"),
        ("N.relation.procurement", "授予小微企业合同金额不超过授予中小企业合同金额，后者不超过政府采购支出总额"),
        ("N.relation.officeRunning", "机关运行经费与公用经费一致（行政单位、参公单位；提示）"),
        ("N.share", "占比与文中分子、分母数字按区间计算的结果相符"),
        ("N.share.truncated", "占比像是截尾而非四舍五入，或为凑足100%而调整（提示）"),
        ("N.share.complement", "占比恰是其余部分的比例（两项占比写反或写成差额）"),
        ("N.share.percentMissing", "占比缺少百分号"),
        ("N.share.zeroBase", "分母为0却写了占比"),
        ("N.change.percent", "增减率与增减额、本年数推出的上年数相符"),
        ("N.change.direction", "增减额与增减率的方向词一致"),
        ("N.change.sign", "方向词（增加、减少……）后不再写负数"),
        ("N.change.zeroBase", "上年数为0时不能写增长率"),
        ("N.completion.zeroBudget", "预算数为0时写了“完成预算0%”（提示）"),
        ("N.completion.contradiction", "完成预算比例与“决算数大于/小于/持平预算数”不矛盾"),
        ("N.completion.zeroActual", "决算数为0时完成预算比例不能大于0"),
        ("N.completion.zeroRate", "决算数大于0时完成预算比例不能为0"),
        ("N.completion.rate", "附件项目的完成预算比例等于执行数÷全年预算数"),
        ("N.total.twoNumbers", "收、支总计只能是一个数"),
        ("N.duplicate", "同一数字在说明中前后引用一致（含附件中的复述）"),
        ("N.year.heading", "标题中的年度与决算年度一致"),
        ("N.year.prior", "“与××××年相比”应为决算年度的上一年"),
        ("N.year.sentence", "句首年度与决算年度不同（提示）"),
        ("N.template", "模板文字、占位符、备选说法已删除，科目名称已填写"),
        ("N.name.superseded", "不使用已停用的科目名称"),
        ("N.unit.yuan", "金额单位与同段数字一致，未将“万元”写成“元”"),
        ("N.unrecognized", "未能识别所说明内容的数字（提示，未核对）"),
    ]

    /// The rules as the Markdown table in docs/narrative-rules.md.
    public static var rulesTable: String {
        rules.map { "| `\($0.id)` | \($0.description) |" }.joined(separator: "\n")
    }
}
