import Testing
@testable import Narrative

@Suite struct NormalizerTests {
    @Test func fullWidthDigitsAndPercent() {
        let n = TextNormalizer.normalize("占９９．７１％")
        #expect(n.text == "占99.71%")
        #expect(n.originalSubstring(1..<7) == "９９．７１％")
    }

    @Test func thousandsSeparatorsAndSpaces() {
        #expect(TextNormalizer.normalize("总计1,704.87万元").text == "总计1704.87万元")
        #expect(TextNormalizer.normalize("总计１，７０４．８７万元").text == "总计1704.87万元")
        #expect(TextNormalizer.normalize("总计1 704.87万元").text == "总计1704.87万元")
        #expect(TextNormalizer.normalize("总计1704. 87万元").text == "总计1704.87万元")
        // A list comma is not a thousands separator, and a space between words stays.
        #expect(TextNormalizer.normalize("第1,2项").text == "第1，2项")
        #expect(TextNormalizer.normalize("2021年 3月").text == "2021年 3月")
    }

    @Test func traditionalKeyWords() {
        #expect(TextNormalizer.normalize("決算數1704.87萬元，減少39.72萬元，增長2%").text
                == "决算数1704.87万元，减少39.72万元，增长2%")
    }

    @Test func mapsBackToTheOriginalFigure() {
        let n = TextNormalizer.normalize("收、支总计1,704.87萬元")
        // normalized "1704.87万元" starts at 5 and is 9 characters long.
        #expect(n.text == "收、支总计1704.87万元")
        #expect(n.originalSubstring(5..<14) == "1,704.87萬元")
    }
}
