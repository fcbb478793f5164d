// @title     async void: an exception nobody can catch crashes the process
// @questions 30 50
// @topic     Exceptions
// @knob UseAsyncTask = false "Make it async Task and wait for it"
// @expect-when UseAsyncTask=false outcome crashed
// @expect-when UseAsyncTask=false end-at 100ms ± 2ms
// @expect-when UseAsyncTask=false output "signup finished"
// @expect-when UseAsyncTask=false lint async-void
// @expect-when UseAsyncTask=false no-output "Main reached its end"
// @expect-when UseAsyncTask=true outcome completed
// @expect-when UseAsyncTask=true end-at 400ms ± 3ms
// @expect-when UseAsyncTask=true output "caught: Response status code does not indicate success: 503"
// @note L52: An async void method returns to its caller at its first await. There is no Task to wait on.
// @note L53: The try block is already over when the failure happens, so its catch can never see it.

/* @explain
An `async void` method has no Task. Its caller cannot await it, cannot know when it has
finished, and cannot catch its exceptions. When an exception escapes it, the runtime
rethrows it on the SynchronizationContext that was current when the method started —
and in a console app or a service there is none, so it is thrown on a ThreadPool thread,
where nothing can catch it. The process terminates.

In the default run Main calls `SendWelcomeEmail`, which starts an HTTP request and
returns at its await. Main prints *signup finished* and leaves its `try` block. At
100 ms the request fails; the exception leaves the async void method on a pool thread and
the run ends as **crashed** — even though the call was wrapped in `try`/`catch`.

Flip **UseAsyncTask**: the same body as `async Task`, waited on by the caller. The
exception travels inside the Task and is caught normally; Main keeps running to 400 ms.

Use `async void` only for event handlers (where the signature is imposed), and make those
handlers catch their own exceptions.
*/

async void SendWelcomeEmail(string user)        // async void: nobody can await it
{
    await Http.GetAsync($"https://mail.example/send?to={user}", 100, fail: true);
}

async Task SendWelcomeEmailAsync(string user)   // async Task: the caller can observe it
{
    await Http.GetAsync($"https://mail.example/send?to={user}", 100, fail: true);
}

void Main()
{
    try
    {
        if (UseAsyncTask)
            SendWelcomeEmailAsync("ada").GetAwaiter().GetResult();
        else
            SendWelcomeEmail("ada");
        Console.WriteLine("signup finished");
    }
    catch (HttpRequestException ex)
    {
        Console.WriteLine($"caught: {ex.Message}");
    }
    Thread.Sleep(300);   // the process keeps running...
    Console.WriteLine("Main reached its end");
}
