// @title generic methods: a retry helper and an explicit type argument
using System;
using System.Threading.Tasks;

class Program
{
    static int attempts = 0;

    static async Task<T> RetryAsync<T>(Func<Task<T>> operation, int tries) where T : class
    {
        for (int i = 1; ; i++)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (i < tries)
            {
                Console.WriteLine($"attempt {i} failed: {e.Message}");
                await Task.Delay(100);
            }
        }
    }

    static T Echo<T>(T value) => value;

    static async Task<string> FlakyAsync()
    {
        attempts++;
        await Task.Delay(10);
        if (attempts < 3)
            throw new InvalidOperationException($"try {attempts}");
        return "ok";
    }

    static async Task Main()
    {
        string result = await RetryAsync(FlakyAsync, 5);
        Console.WriteLine($"{result} after {attempts} attempts, {Echo<int>(42)}");
    }
}
