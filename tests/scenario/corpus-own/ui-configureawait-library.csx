// @title Library code with ConfigureAwait(false) under a blocking UI caller
// @environment ui
// Modelled on: the standard advice that library code uses ConfigureAwait(false), so
// that a caller which (wrongly) blocks the UI thread does not deadlock. Our own code.
using System;
using System.Threading.Tasks;

class PriceClient
{
    public int Calls { get; private set; }

    public async Task<decimal> GetPriceAsync(string sku)
    {
        Calls++;
        string body = await Http.GetAsync($"https://shop.example.org/price/{sku}", 150).ConfigureAwait(false);
        await Task.Delay(50).ConfigureAwait(false);
        return body.Length / 4m;
    }
}

static class OrderForm
{
    static readonly PriceClient prices = new PriceClient();

    static void Button_Click(object sender, EventArgs e)
    {
        Console.WriteLine("pricing the basket");
        decimal total = prices.GetPriceAsync("tea-42").Result + prices.GetPriceAsync("mug-7").Result;
        Console.WriteLine($"total {total} after {prices.Calls} calls, still on the UI thread");
    }
}
