// @title t
static int Count { get { return 1; } }
void Main() { }
