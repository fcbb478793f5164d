// @title error case
void Main() { Task.CompletedTask(); }
