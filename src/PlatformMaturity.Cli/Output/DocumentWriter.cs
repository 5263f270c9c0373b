namespace PlatformMaturity.Cli.Output;

/// <summary>Writes headings, paragraphs and bullets as plain text or as Markdown, so both formats share one layout.</summary>
public abstract class DocumentWriter(TextWriter output)
{
    protected TextWriter Output { get; } = output;

    public static DocumentWriter For(OutputFormat format, TextWriter output) =>
        format == OutputFormat.Markdown ? new MarkdownWriter(output) : new TextDocumentWriter(output);

    public abstract void Heading(int depth, string text);

    public abstract void Paragraph(string text);

    public abstract void Bullet(string text, int indent = 0);

    /// <summary>Inline code (a command, a key).</summary>
    public abstract string Code(string text);

    private sealed class TextDocumentWriter(TextWriter output) : DocumentWriter(output)
    {
        private bool _started;

        public override void Heading(int depth, string text)
        {
            if (_started)
                Output.WriteLine();
            _started = true;
            Output.WriteLine(depth == 1 ? text.ToUpperInvariant() : text);
            if (depth == 1)
                Output.WriteLine(new string('=', text.Length));
        }

        public override void Paragraph(string text)
        {
            _started = true;
            Output.WriteLine(text);
        }

        public override void Bullet(string text, int indent = 0)
        {
            _started = true;
            Output.WriteLine($"{new string(' ', 2 + indent * 4)}{(indent == 0 ? "-" : " ")} {text}");
        }

        public override string Code(string text) => text;
    }

    private sealed class MarkdownWriter(TextWriter output) : DocumentWriter(output)
    {
        private bool _inList;

        public override void Heading(int depth, string text)
        {
            EndList();
            Output.WriteLine($"{new string('#', depth)} {text}");
            Output.WriteLine();
        }

        public override void Paragraph(string text)
        {
            EndList();
            Output.WriteLine(text);
            Output.WriteLine();
        }

        public override void Bullet(string text, int indent = 0)
        {
            _inList = true;
            Output.WriteLine($"{new string(' ', indent * 2)}- {text}");
        }

        public override string Code(string text) => $"`{text}`";

        private void EndList()
        {
            if (_inList)
                Output.WriteLine();
            _inList = false;
        }
    }
}
