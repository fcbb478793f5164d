// @title error case
struct Node { public int Value; public Node Left; public Node Right; public Node Up; }
void Main() { var n = new Node(); }
