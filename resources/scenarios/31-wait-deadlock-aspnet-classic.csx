// @title     .Wait() deadlocks in classic ASP.NET too
// @questions 31 33
// @topic     Deadlocks and starvation
// @environment aspnet-classic
// @entry HandleRequest
// @knob ConfigureAwaitFalse = false "Use ConfigureAwait(false) in LoadCustomerAsync"
// @expect-when environment=aspnet-classic,ConfigureAwaitFalse=false outcome deadlock
// @expect-when environment=aspnetcore outcome completed
// @expect-when environment=aspnetcore end-at 150ms ± 2ms
// @expect-when ConfigureAwaitFalse=true outcome completed
// @expect-when ConfigureAwaitFalse=true end-at 150ms ± 2ms
// @expect-when ConfigureAwaitFalse=true output "customer page rendered"
// @note L45: The request thread blocks while it is inside the request context.
// @note L38: The continuation needs to enter the same request context, which the blocked thread holds.

/* @explain
Classic ASP.NET (System.Web, .NET Framework) has its own SynchronizationContext: one per
request. It does not pin the request to one thread, but it lets only **one** thread at a
time run inside the request, and it restores `HttpContext.Current` for whoever enters.

This old synchronous MVC action calls an async method and blocks on it with `.Wait()`. The
request's pool thread is now blocked *inside* the request context. At 150 ms the CRM
response arrives and the continuation of `LoadCustomerAsync` must enter that same
context — which is occupied by the blocked thread. Same cycle as on a UI thread: the run
ends in a **deadlock**, and in production the request hangs until it times out.

Flip **ConfigureAwaitFalse** and the continuation runs outside the request context, so the
page renders at 150 ms.

ASP.NET Core removed the request context, so this exact deadlock cannot happen there (switch
the environment to aspnetcore: the page renders at 150 ms) — but
blocking on async code still costs a thread per request and leads to starvation under load
(questions 35 and 36). The fix is the same everywhere: async all the way up.
*/

async Task<string> LoadCustomerAsync(int id)
{
    string json = await Http.GetAsync($"https://crm.example/customers/{id}", 150).ConfigureAwait(!ConfigureAwaitFalse);
    return json;
}

void HandleRequest()   // an old synchronous MVC action
{
    Task<string> load = LoadCustomerAsync(42);
    load.Wait();
    Console.WriteLine("customer page rendered");
}
