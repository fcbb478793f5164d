// @title error case
// @environment ui
class MainForm
{
    private readonly string title;
    public MainForm(string title) { this.title = title; }
    private void Button_Click(object sender, EventArgs e) { Console.WriteLine(title); }
}
