// @title The async return types side by side
// Modelled on: the documentation's tour of async return types: Task<TResult>, Task,
// async void for an event handler, and ValueTask<TResult> for a cached fast path.
// Our own code.
using System;
using System.Threading.Tasks;

class Thermometer
{
    private int? cached;

    public event EventHandler Measured;

    public async Task<int> ReadAsync()
    {
        await Task.Delay(100);
        cached = 21;
        return 21;
    }

    public ValueTask<int> ReadCachedAsync()
    {
        if (cached.HasValue)
            return new ValueTask<int>(cached.Value);
        return new ValueTask<int>(ReadAsync());
    }

    public async Task CalibrateAsync()
    {
        await Task.Delay(50);
        Console.WriteLine("calibrated");
        Measured?.Invoke(this, EventArgs.Empty);
    }
}

class Program
{
    static async void OnMeasured(object sender, EventArgs e)
    {
        Console.WriteLine("handler starts");
        await Task.Delay(30);
        Console.WriteLine("handler finished later");
    }

    static async Task Main()
    {
        var thermometer = new Thermometer();
        thermometer.Measured += OnMeasured;

        int first = await thermometer.ReadCachedAsync();
        Console.WriteLine($"first read {first}");
        int second = await thermometer.ReadCachedAsync();
        Console.WriteLine($"cached read {second}");

        await thermometer.CalibrateAsync();
        Console.WriteLine("CalibrateAsync returned");
        await Task.Delay(100);
    }
}
