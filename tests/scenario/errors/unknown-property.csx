// @title error case
void Main() { var t = Task.Delay(1); var r = t.Resultt; }
