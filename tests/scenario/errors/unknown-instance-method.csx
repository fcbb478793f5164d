// @title error case
void Main() { var t = Task.Delay(10); t.Frobnicate(); }
