import Foundation

/// The colours of chart series, in series order; the legend's swatches take them from the stylesheet.
enum ChartPalette {
    static let colors = ["#2457a6", "#2e7d32", "#b26b00", "#7b1fa2", "#b3261e", "#00838f"]

    static var swatchRules: String {
        colors.enumerated().map { ".swatch.c\($0.offset) { background: \($0.element); }" }.joined(separator: "\n")
    }
}

/// A stacked bar chart drawn by the server as inline SVG: no script, no style attribute (the
/// page's policy allows neither); each segment carries its figure as a tooltip title.
struct StackedBarChart: Sendable {
    var id: String
    var caption: String
    var series: [String]
    var bars: [(label: String, values: [Int])]

    private static let (width, height) = (720.0, 240.0)
    private static let plot = (left: 44.0, right: 712.0, top: 12.0, bottom: 204.0)

    var markup: Markup {
        guard !bars.isEmpty else { return "<p>\(caption): nothing recorded yet.</p>" }
        let peak = max(1, bars.map { $0.values.reduce(0, +) }.max() ?? 1)
        let slot = (Self.plot.right - Self.plot.left) / Double(bars.count)
        let scale = (Self.plot.bottom - Self.plot.top) / Double(peak)
        var shapes: [Markup] = []
        for (index, bar) in bars.enumerated() {
            var top = Self.plot.bottom
            let x = Self.plot.left + Double(index) * slot + slot * 0.1
            var segments: [Markup] = []
            for (seriesIndex, value) in bar.values.enumerated() where value > 0 {
                let height = Double(value) * scale
                top -= height
                let color = ChartPalette.colors[seriesIndex % ChartPalette.colors.count]
                segments.append("""
                    <rect class="segment" data-series="\(series[seriesIndex])" data-count="\(value)" x="\(Self.number(x))" y="\(Self.number(top))" \
                    width="\(Self.number(slot * 0.8))" height="\(Self.number(height))" fill="\(color)"><title>\(bar.label): \(series[seriesIndex]) \(value)</title></rect>
                    """)
            }
            shapes.append("<g class=\"bar\" data-label=\"\(bar.label)\">\(segments)</g>")
        }
        let axis: Markup = """
            <line x1="\(Self.number(Self.plot.left))" y1="\(Self.number(Self.plot.bottom))" x2="\(Self.number(Self.plot.right))" y2="\(Self.number(Self.plot.bottom))" stroke="currentColor" stroke-opacity=".4"/>
            <text x="\(Self.number(Self.plot.left - 6))" y="\(Self.number(Self.plot.top + 4))" text-anchor="end">\(peak)</text>
            <text x="\(Self.number(Self.plot.left - 6))" y="\(Self.number(Self.plot.bottom))" text-anchor="end">0</text>
            <text x="\(Self.number(Self.plot.left))" y="\(Self.number(Self.height - 16))">\(bars[0].label)</text>
            <text x="\(Self.number(Self.plot.right))" y="\(Self.number(Self.height - 16))" text-anchor="end">\(bars[bars.count - 1].label)</text>
            """
        let legend = series.enumerated().map { item -> Markup in
            "<li><span class=\"swatch c\(item.offset % ChartPalette.colors.count)\"></span>\(item.element)</li>"
        }
        return """
            <figure id="\(id)">
            <svg class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" aria-label="\(caption)" xmlns="http://www.w3.org/2000/svg">\(shapes)\(axis)</svg>
            <figcaption>\(caption)</figcaption>
            <ul class="legend">\(legend)</ul>
            </figure>
            """
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
