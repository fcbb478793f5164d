// @title A form's click handler, as a designer writes it
// @environment ui
// Modelled on: a WinForms/WPF code-behind: a partial Form class whose private async
// void button1_Click awaits a service and updates the form's fields. Our own code.
using System;
using System.Threading.Tasks;

class Form
{
    public string Text { get; set; } = "";
}

partial class MainForm : Form
{
    private int loads;

    private async void Button_Click(object sender, EventArgs e)
    {
        loads++;
        Text = "Loading...";
        Console.WriteLine(Text);
        string body = await Http.GetAsync("https://crm.example.org/contacts", 200);
        Text = $"{body.Length} bytes of contacts (load {loads})";
        Console.WriteLine(Text);
    }
}
