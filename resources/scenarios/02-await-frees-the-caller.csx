// @title     await pauses the method, not the thread
// @questions 2
// @topic     Basics
// @knob QueryMs = 300 "Database query time (ms)"
// @expect outcome completed
// @expect-when QueryMs=300 end-at 300ms ± 2ms
// @expect-when QueryMs=300 output-order "query sent" "caller keeps running" "caller did 100 ms of work" "query finished" "orders: 17"
// @expect-when QueryMs=50 end-at 100ms ± 2ms
// @expect-when QueryMs=50 output-order "query sent" "caller keeps running" "query finished" "caller did 100 ms of work" "orders: 17"
// @expect-when QueryMs=300 output-at "caller did 100 ms of work" 100ms
// @expect-when QueryMs=50 output-at "query finished" 50ms
// @expect-when QueryMs=50 output-at "orders: 17" 100ms
// @note L44: The query is incomplete: CountOrdersAsync suspends and its caller carries on.
// @note L53: Main does useful work while the query is in flight.
// @note L55: If the query already finished, this await takes the fast path and does not suspend at all.
// @quiz With the query taking 300 ms, when does the run end?
// @choice 100 ms
// @answer 300 ms
// @choice 400 ms
// @why The query and the 100 ms of CPU work overlap; the run ends when the slower of the two, the query, completes.

/* @explain
`await task` asks one question: *is the task finished?*

- If not, the method is suspended. Its local variables and position are stored, the
  rest of the method is registered as a continuation on the task, and control returns to
  the caller. The thread is free for other work.
- If it is, execution simply continues on the same thread, like an ordinary call.

In the default run the database needs 300 ms. `CountOrdersAsync` suspends at once, so
`RunAsync` gets the unfinished task back, spends 100 ms of CPU on Main, and only then
awaits it. Because the query is still running, `RunAsync` suspends too, and both
methods resume at 300 ms on the pool thread that completed the query.

Set **QueryMs** to 50: the query now completes during the CPU work (the pool thread runs
*query finished* at 50 ms), and at 100 ms `await pending` finds a completed task and
continues straight through. The run ends at 100 ms instead of 300 ms. Nothing waited
on the thread in either case; `await` only decides *when and where* the next line runs.
*/

async Task<int> CountOrdersAsync()
{
    Console.WriteLine("query sent");
    await Db.QueryAsync("SELECT COUNT(*) FROM Orders", QueryMs);
    Console.WriteLine("query finished, CountOrdersAsync resumes after its await");
    return 17;
}

async Task RunAsync()
{
    Task<int> pending = CountOrdersAsync();
    Console.WriteLine("caller keeps running while the query is in flight");
    Cpu.Work(100);
    Console.WriteLine("caller did 100 ms of work");
    int count = await pending;
    Console.WriteLine($"orders: {count}");
}

void Main()
{
    RunAsync().GetAwaiter().GetResult();
}
