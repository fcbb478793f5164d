// @title     Common mistake: list.ForEach(async …) is async void
// @questions 50 30
// @topic     Exceptions
// @knob UseWhenAll = false "await Task.WhenAll(users.Select(…)) instead of ForEach"
// @expect-when UseWhenAll=false outcome crashed InvalidOperationException
// @expect-when UseWhenAll=false output-at "Main: the loop has returned" 0ms
// @expect-when UseWhenAll=false output-at "mail sent to ann" 100ms
// @expect-when UseWhenAll=false end-at 200ms ± 2ms
// @expect-when UseWhenAll=false no-output "caught"
// @expect-when UseWhenAll=false no-output "mail sent to cid"
// @expect-when UseWhenAll=true outcome completed
// @expect-when UseWhenAll=true output-order "mail sent to ann" "mail sent to cid" "caught: mailbox of bob is full" "Main: the loop has returned"
// @expect-when UseWhenAll=true output-at "Main: the loop has returned" 300ms
// @expect-when UseWhenAll=true end-at 300ms ± 2ms
// @note L65: Each lambda runs until its first await; ForEach then moves on to the next user.
// @note L71: Printed before a single mail has been sent.
// @note L53: Nothing awaits bob's lambda: this exception has nowhere to go but the process.
// @quiz What does the try/catch around ForEach catch?
// @answer Nothing: the process crashes at 200 ms
// @answer-when UseWhenAll=true The InvalidOperationException, at 300 ms
// @choice The InvalidOperationException, at 200 ms
// @choice The InvalidOperationException, at 300 ms
// @why ForEach takes an Action<T>, so the async lambda is async void: no task to await,
// @why no exception to catch. Its exception is rethrown on a pool thread and ends the process.

/* @explain
`List<T>.ForEach` takes an `Action<T>`: a delegate that returns nothing. An async lambda
converted to it becomes an **async void** method, and the compiler says nothing. Three
things follow, and this run shows each of them:

- `ForEach` calls the lambda for ann, it runs until its first `await` and returns; then
  bob, then cid. The loop is over at 0 ms, so *Main: the loop has returned* is printed
  before a single mail has been sent.
- Nobody can wait for the mails: there is no task, only a fire-and-forget call per user.
- When bob's mail fails at 200 ms, the exception leaves an async void method. It cannot
  reach the `try`/`catch` around the loop (that code finished long ago); .NET rethrows it
  on a pool thread, where it is unhandled, and the **process crashes**. Cid's mail is
  never sent.

Flip **UseWhenAll**: `users.Select(u => SendMailAsync(u))` makes one `Task` per user,
`await Task.WhenAll(...)` waits for all of them, and the failure arrives at the `catch`
at 300 ms, after cid's mail went out.

The same trap hides in every API that takes an `Action`: `Parallel.ForEach`, timers,
`new Thread(...)`, event subscriptions. Pass async lambdas only where a `Func<Task>` is
expected.
*/

async Task SendMailAsync(string user, int ms)
{
    await Http.GetAsync($"https://mail.example/send?to={user}", ms);
    if (user == "bob")
        throw new InvalidOperationException($"mailbox of {user} is full");
    Console.WriteLine($"mail sent to {user}");
}

async Task Main()
{
    var users = new List<string> { "ann", "bob", "cid" };
    try
    {
        if (UseWhenAll)
            await Task.WhenAll(users.Select(u => SendMailAsync(u, 100 * (users.IndexOf(u) + 1))));
        else
            users.ForEach(async u => await SendMailAsync(u, 100 * (users.IndexOf(u) + 1)));
    }
    catch (InvalidOperationException ex)
    {
        Console.WriteLine($"caught: {ex.Message}");
    }
    Console.WriteLine("Main: the loop has returned");
    if (!UseWhenAll)
        await Task.Delay(400);   // keep the process alive until every mail could have been sent
}
