void Main() { }
