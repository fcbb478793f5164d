// @title t
static int count;
static int Count { get; set { count = value; } }
void Main() { }
