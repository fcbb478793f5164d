// @title error case
async Task Main() { throw; }
