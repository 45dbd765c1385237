import Hummingbird
import TicketLedger

extension LedgerConsole {
    /// The pages, each a GET route.
    func addPages(to router: Router<ConsoleContext>) {
        router.read("/") { _, _ in ConsoleResponse.html(try await self.overviewPage()) }
        router.read("tickets") { request, _ in ConsoleResponse.html(try await self.ticketSearchPage(FormQuery(request))) }
        router.read("tickets/:id") { request, context in
            ConsoleResponse.html(try await self.ticketPage(try Self.ticketId(context), FormQuery(request), viewer: context.viewer))
        }
        router.read("runs") { request, _ in ConsoleResponse.html(try await self.runsPage(FormQuery(request))) }
        router.read("rejected") { request, _ in ConsoleResponse.html(try await self.rejectedPage(FormQuery(request))) }
        router.read("contacts") { _, context in ConsoleResponse.html(try await self.contactsPage(viewer: context.viewer)) }
        router.read("mapping") { _, _ in ConsoleResponse.html(try await self.mappingPage()) }
        router.read("verify") { request, _ in ConsoleResponse.html(try await self.verifyPage(FormQuery(request))) }
    }
}
