import Foundation
import Narrative

/// A closed interval of exact decimals: what a printed figure can stand for.
struct DecimalInterval: Equatable, CustomStringConvertible {
    var lo: Decimal
    var hi: Decimal

    init(_ lo: Decimal, _ hi: Decimal) { self.lo = min(lo, hi); self.hi = max(lo, hi) }

    /// A figure with d decimals stands for ±half a unit of its last digit.
    init(value: Decimal, decimals: Int) {
        let half = Self.halfUnit(decimals)
        self.init(value - half, value + half)
    }

    /// Money is printed at two decimals with trailing zeros dropped ("129.4", "6"): its precision
    /// is at least 0.01. Percentages and counts keep the precision they are written with.
    init(_ claim: Claim) { self.init(value: claim.value, decimals: claim.effectiveDecimals) }

    static func halfUnit(_ decimals: Int) -> Decimal {
        var h = Decimal(5)
        for _ in 0...decimals { h /= 10 }
        return h
    }

    static func unit(_ decimals: Int) -> Decimal {
        var u = Decimal(1)
        for _ in 0..<max(decimals, 0) { u /= 10 }
        return u
    }

    static func + (a: Self, b: Self) -> Self { Self(a.lo + b.lo, a.hi + b.hi) }
    static func - (a: Self, b: Self) -> Self { Self(a.lo - b.hi, a.hi - b.lo) }

    /// a ÷ b × 100 for a ≥ 0 and b > 0; nil when b can be zero or negative.
    static func percent(_ a: Self, of b: Self) -> Self? {
        guard b.lo > 0 else { return nil }
        let l = max(a.lo, 0), h = max(a.hi, 0)
        return Self(l / b.hi * 100, h / b.lo * 100)
    }

    func meets(_ other: Self) -> Bool { lo <= other.hi && other.lo <= hi }
    func contains(_ v: Decimal) -> Bool { lo <= v && v <= hi }

    var description: String { "[\(Self.text(lo, 4)), \(Self.text(hi, 4))]" }

    /// Decimal text rounded to `places` (half up), trailing zeros trimmed.
    static func text(_ v: Decimal, _ places: Int) -> String {
        var x = v, r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return "\(r)"
    }
}

extension Claim {
    var effectiveDecimals: Int { unit.isMoney ? max(decimals, 2) : decimals }

    var interval: DecimalInterval { DecimalInterval(self) }

    /// The value in 万元 when the figure is money (元 converted), else the value.
    var valueInWanYuan: Decimal { unit == .yuan ? value / 10000 : value }

    var findingLocation: FindingLocation {
        .narrative(section: location.section.title, paragraph: location.paragraph,
                   sentence: location.sentence, figure: location.figureText.isEmpty ? nil : location.figureText)
    }

    /// "1704.87万元", "99.71%".
    var figure: String { "\(value)\(unit == .none ? "" : unit.rawValue)" }

    var isChangeAmount: Bool { if case .changeAmount = kind { return true }; return false }
    var isChangePercent: Bool { if case .changePercent = kind { return true }; return false }
    var isShare: Bool { if case .share = kind { return true }; return false }
    var changeDirection: ChangeDirection? {
        switch kind {
        case let .changeAmount(d), let .changePercent(d): return d
        default: return nil
        }
    }
}

func wan(_ v: Decimal) -> String { "\(DecimalInterval.text(v, 2))万元" }
