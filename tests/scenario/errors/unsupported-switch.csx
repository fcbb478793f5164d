// @title error case
void Main() { switch (1) { case 1: break; } }
