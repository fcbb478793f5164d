// @title t
// @environment aspnetcore
// @load 100 during 2s
async Task HandleRequestAsync() { await Task.Delay(1); }
