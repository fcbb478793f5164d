// @title     Console: an exception escaping async void crashes the process from the pool
// @expect outcome crashed HttpRequestException
// Pins: the crash time (when the failing request completes), the exception type, and
// that Main's later output never appears.

async void FireAndForget()
{
    Console.WriteLine("sending");
    await Http.GetAsync("https://down.example/", 80, fail: true);
    Console.WriteLine("never printed");
}

void Main()
{
    FireAndForget();
    Console.WriteLine("Main goes on");
    Thread.Sleep(300);
    Console.WriteLine("Main done");
}
