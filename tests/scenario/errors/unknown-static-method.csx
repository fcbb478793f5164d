// @title error case
void Main() { Task.Dellay(10); }
