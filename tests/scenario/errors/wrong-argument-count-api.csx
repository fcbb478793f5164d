// @title error case
void Main() { Task.Delay(1, 2, 3); }
