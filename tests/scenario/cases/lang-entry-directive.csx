// @title @entry names another method
// @entry Start
void Main() { Console.WriteLine("not me"); }
void Start() { Console.WriteLine("started here"); }
