extension FeedConfiguration {
    /// This configuration with just enough tickets for `items` items, cut at exactly that many.
    public func fitted(toItems items: Int) throws -> FeedConfiguration {
        guard items >= 1 else {
            throw SimulatorError.invalidConfiguration("items \(items): the feed needs at least 1 item")
        }
        let planner = TicketPlanner(configuration: self)
        var total = 0
        var tickets = 0
        while total < items {
            total += planner.plan(tickets).publications.count
            tickets += 1
        }
        var fitted = self
        fitted.tickets = tickets
        fitted.itemLimit = items
        return fitted
    }
}
