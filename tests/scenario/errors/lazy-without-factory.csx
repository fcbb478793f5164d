// @title error case
async Task Main() { var settings = new Lazy<string>(); Console.WriteLine(settings.Value); }
