// @title Fire and forget, with failures logged
// Needs: TaskContinuationOptions.OnlyOnFaulted (w/everyday)
// Modelled on: the "fire and forget safely" helper: `_ = task.ContinueWith(log,
// TaskContinuationOptions.OnlyOnFaulted)` so an unobserved failure is at least logged.
// Our own code.
using System;
using System.Threading.Tasks;

static class TaskExtensions
{
    public static void Forget(Task task, string what)
    {
        _ = task.ContinueWith(t => Console.WriteLine($"{what} failed: {t.Exception.InnerException.Message}"),
                              TaskContinuationOptions.OnlyOnFaulted);
    }
}

class Program
{
    static async Task SendAnalyticsAsync(string eventName, bool fail)
    {
        await Http.GetAsync($"https://stats.example.org/{eventName}", 80, fail: fail);
        Console.WriteLine($"{eventName} recorded");
    }

    static async Task Main()
    {
        TaskExtensions.Forget(SendAnalyticsAsync("login", false), "login");
        TaskExtensions.Forget(SendAnalyticsAsync("purchase", true), "purchase");
        Console.WriteLine("request handled");
        await Task.Delay(200);
    }
}
