import Hummingbird
import TicketLedger

extension LedgerConsole {
    /// The pages, each a GET route.
    func addPages(to router: Router<ConsoleContext>) {
        router.get("/") { _, _ in ConsoleResponse.html(try await self.overviewPage()) }
        router.get("tickets") { request, _ in ConsoleResponse.html(try await self.ticketSearchPage(try FormQuery(request))) }
        router.get("tickets/:id") { request, context in
            ConsoleResponse.html(try await self.ticketPage(try Self.ticketId(context), try FormQuery(request), context: context))
        }
        router.get("runs") { request, _ in ConsoleResponse.html(try await self.runsPage(try FormQuery(request))) }
        router.get("rejected") { request, _ in ConsoleResponse.html(try await self.rejectedPage(try FormQuery(request))) }
        router.get("contacts") { _, context in ConsoleResponse.html(try await self.contactsPage(context: context)) }
        router.get("mapping") { _, _ in ConsoleResponse.html(try await self.mappingPage()) }
        router.get("verify") { request, context in ConsoleResponse.html(try await self.verifyPage(try FormQuery(request), context: context)) }
    }
}
