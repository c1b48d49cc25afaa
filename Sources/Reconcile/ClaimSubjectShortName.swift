import Narrative

extension ClaimSubject {
    /// The name a one-line summary uses: a 项 without its 类 and 款 (the quoted sentence and the full
    /// message keep the whole path), every other subject as it is written.
    var shortName: String {
        if case let .generalBudgetItem(_, _, xiang) = self { return "\(xiang)（项）" }
        return description
    }
}
