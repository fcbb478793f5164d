// @title The UI thread blocked on .Result
// @environment ui
// Modelled on: the classic "don't block on async code" deadlock: a click handler on
// the UI thread calls .Result on a task whose continuation needs that same thread.
// Our own code.
using System;
using System.Threading.Tasks;

class WeatherService
{
    private readonly string city;

    public WeatherService(string city)
    {
        this.city = city;
    }

    public async Task<string> GetForecastAsync()
    {
        string json = await Http.GetAsync($"https://weather.example.org/{city}", 200);
        return $"{city}: {json.Length} bytes of forecast";
    }
}

static class MainWindow
{
    static readonly WeatherService service = new WeatherService("Lisbon");

    static void Button_Click(object sender, EventArgs e)
    {
        Console.WriteLine("button clicked, loading the forecast");
        string forecast = service.GetForecastAsync().Result;
        Console.WriteLine(forecast);
    }
}
