// @title     An async method runs on the caller's thread until its first await
// @questions 1
// @topic     Basics
// @expect outcome completed
// @expect end-at 200ms ± 2ms
// @expect output-order "Main: calling GetUserAsync" "sending request" "Main: got a Task back" "response arrived" "Main: done"
// @note L37: Still on Main: nothing asynchronous has happened yet.
// @note L38: The request is in flight and incomplete, so the method suspends here and hands Main a Task.
// @note L47: Main continues while the request is outstanding; no thread is waiting for the network.
// @note L39: 200 ms later the rest of the method runs on a pool thread.
// @quiz Which line appears first?
// @choice GetUserAsync: response arrived
// @answer Main: got a Task back, the request is still in flight
// @why GetUserAsync returns its unfinished Task at the first incomplete await, so Main prints before the response arrives 200 ms later.

/* @explain
`async` is a modifier that lets a method contain `await`. It does **not** make the
method run in the background. Watch the Main lane: `GetUserAsync` starts exactly like an
ordinary call and prints its first line on Main.

At the `await` the HTTP request is still in flight. The compiler-generated code saves
where the method was, registers "resume here" on the request's Task, and returns that
unfinished `Task<string>` to the caller. That is why *Main: got a Task back* appears
before *response arrived*.

For 200 ms no thread is busy with the request: the timeline shows the I/O as a bar with
no thread under it. When the response arrives, the remainder of `GetUserAsync` runs on a
pool thread (a console app has no SynchronizationContext to return to), completes the
Task, and that releases Main from `GetResult()`.

So an async method is a method that can pause at an `await` and be resumed later,
returning a Task that represents its eventual result.
*/

async Task<string> GetUserAsync(int id)
{
    Console.WriteLine("GetUserAsync: sending request");
    string json = await Http.GetAsync($"https://api.example/users/{id}", 200);
    Console.WriteLine("GetUserAsync: response arrived");
    return json;
}

void Main()
{
    Console.WriteLine("Main: calling GetUserAsync");
    Task<string> task = GetUserAsync(42);
    Console.WriteLine("Main: got a Task back, the request is still in flight");
    string user = task.GetAwaiter().GetResult();
    Console.WriteLine("Main: done");
}
