// @title t
void Work() { }
void Work() { }
void Main() { }
