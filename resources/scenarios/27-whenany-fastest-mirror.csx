// @title     Task.WhenAny: take the first mirror to answer
// @questions 27
// @topic     Combinators
// @expect outcome completed
// @expect end-at 120ms ± 2ms
// @expect output-order "us.mirror.example finished" "using us.mirror.example"
// @expect no-output "eu.mirror.example finished"
// @note L45: WhenAny completes with the first task that finishes: a Task<Task<string>>.
// @note L46: The winner is already complete, so reading its Result does not block.

/* @explain
`Task.WhenAny(tasks)` returns a task that completes as soon as **any** of the given tasks
completes. Its result is that task itself (a `Task<Task<string>>` here), so you look at
the winner to get its value — or its exception: `WhenAny` never throws, even when the
first finisher faulted or was canceled.

The package is requested from three mirrors at once. The US mirror answers first, at
120 ms; `WhenAny` completes, Main takes the winner and prints it at 120 ms.

Look at what happens to the two losers: nothing stops them. Their requests are still in
flight when the program ends. In this console app they are abandoned at exit (the run
reports pending work); in a long-running service they would carry on and finish unseen,
using connections and bandwidth. If the others should stop, pass them a
CancellationToken and cancel it once you have a winner.

A common variation — racing a call against `Task.Delay` to implement a timeout — is shown
in `27-whenany-timeout`.
*/

async Task<string> FetchFromMirrorAsync(string mirror, int ms)
{
    string body = await Http.GetAsync($"https://{mirror}/package.zip", ms);
    Console.WriteLine($"{mirror} finished");
    return mirror;
}

void Main()
{
    Task<string>[] mirrors = new[]
    {
        FetchFromMirrorAsync("eu.mirror.example", 250),
        FetchFromMirrorAsync("us.mirror.example", 120),
        FetchFromMirrorAsync("asia.mirror.example", 400)
    };
    Task<string> winner = Task.WhenAny(mirrors).Result;
    Console.WriteLine($"using {winner.Result}");
}
