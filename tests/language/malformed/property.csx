// @title t
static int Count { get; set; }
void Main() { }
