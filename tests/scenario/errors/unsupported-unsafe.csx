// @title error case
unsafe void Main() { }
