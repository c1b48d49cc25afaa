import Accounts

/// Column and fixed-row names of the fifteen tables. The template's headers say the same words
/// (multi-row headers joined with "/"), so template markers and reconciliation use these names.
public enum TableColumns {
    public static let amount = "金额"
    public static let t02 = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
    public static let t03 = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    public static let fiscalFunds = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    public static let t04Expenditure = ["合计"] + fiscalFunds
    public static let t05 = ["合计"] + fiscalFunds
    public static let t06 = ["合计", "基本支出", "项目支出"]
    public static let t07 = ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"]
    public static let t08 = ["决算数"]
    public static let threePublicItems = ["合计", "因公出国（境）费", "公务用车购置及运行费/小计",
                                          "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费", "公务接待费"]
    public static let t10 = threePublicItems.map { "预算数/" + $0 } + threePublicItems.map { "决算数/" + $0 }
    public static let t11 = ["年初结转和结余", "本年收入", "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"]
    public static let t14 = ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
    public static let t15 = ["一级指标", "二级指标", "三级指标", "预期指标值", "实际完成指标值"]
    /// 经济分类 类 that table 9 may show, in order (the template has one column each).
    public static let economicCategories = ["301", "302", "303", "307", "309", "310", "312", "399"]

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"]
    /// Table 1 income lines 一 … 八, in IncomeSource order.
    public static let t01IncomeLines = IncomeSource.allCases.enumerated().map { "\(numerals[$0.offset])、\($0.element.rawValue)" }
    /// Table 4 income lines 一 … 三.
    public static let t04IncomeLines = fiscalFunds.enumerated().map { "\(numerals[$0.offset])、\($0.element)" }
    public static let t04OpeningLines = fiscalFunds.map { "年初财政拨款结转和结余/" + $0 }
}
