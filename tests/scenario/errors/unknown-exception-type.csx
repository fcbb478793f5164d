// @title error case
void Main() { try { } catch (MyOwnException e) { } }
