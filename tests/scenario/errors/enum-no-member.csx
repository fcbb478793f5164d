// @title error case
enum Color { Red, Green }
void Main() { var c = Color.Blue; }
