/// The console's one stylesheet, served by the binary (no CDN, no web font): readable from a
/// phone's width up, tables scrolling sideways within their box.
enum ConsoleStyle {
    static let css = """
        :root { color-scheme: light dark; --line: #8884; --muted: #777; --accent: #2457a6; --warn: #b26b00; --bad: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; } .ledger { color: var(--muted); font-family: ui-monospace, monospace; }
        nav { display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
        nav a { text-decoration: none; color: var(--accent); padding: .2rem 0; }
        nav a[aria-current=page] { font-weight: 700; border-bottom: 2px solid var(--accent); }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        footer { max-width: 72rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: .85rem; }
        h1 { font-size: 1.4rem; margin: .2rem 0 1rem; overflow-wrap: anywhere; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .7rem; }
        .card { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
        .card .value { font-size: 1.5rem; font-weight: 700; display: block; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
        th { font-weight: 600; white-space: nowrap; } caption { text-align: left; color: var(--muted); padding: .3rem 0; }
        .notice { border-left: 4px solid var(--warn); padding: .5rem .8rem; background: #b26b0014; }
        .notice.error { border-color: var(--bad); background: #b3261e14; } .notice.ok { border-color: #2e7d32; background: #2e7d3214; }
        .outcome-failed, .outcome-interrupted { color: var(--bad); font-weight: 600; }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem .8rem; align-items: end; margin-bottom: 1rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, select, button { font: inherit; padding: .3rem .4rem; min-width: 8rem; }
        .pager { display: flex; gap: 1rem; margin: .8rem 0; }
        dl.view { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dl.view dt { color: var(--muted); } dl.view dd { margin: 0; overflow-wrap: anywhere; }
        ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--line); }
        ol.timeline > li { position: relative; padding: .4rem 0 .6rem 1rem; }
        ol.timeline > li::before { content: ""; position: absolute; left: -.45rem; top: .75rem; width: .6rem; height: .6rem; border-radius: 50%; background: var(--accent); }
        .step { display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
        .step .when { font-family: ui-monospace, monospace; } .step .s360 { font-weight: 700; } .step small { color: var(--muted); }
        .holder-change { color: var(--accent); font-weight: 600; }
        pre { overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; background: #8881; padding: .5rem; }
        details > summary { cursor: pointer; color: var(--accent); font-size: .85rem; }
        figure { margin: 1rem 0; } figcaption, .muted { color: var(--muted); font-size: .9rem; }
        svg.chart { width: 100%; height: auto; max-height: 18rem; }
        svg.chart text { font-size: 11px; fill: currentColor; }
        .legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; font-size: .85rem; }
        .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
        \(ChartPalette.swatchRules)
        """
}
