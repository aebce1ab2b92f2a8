namespace Lifecycle.Web.Components.Shared;

/// <summary>
/// The text of a field drawn as plain markup (decision 041), under MudTextField's rule: the field shows what its user
/// typed until its parent gives a value different from the one it gave before. <see cref="Shown"/> is the value
/// attribute, written only when the parent's value changes; <see cref="Holds"/> is what the element holds as far as the
/// server knows. A value given while the element holds other text gets a new <see cref="Element"/> key, so the browser
/// takes it even when the attribute's text is the same as the last one written (typing does not change the attribute).
/// </summary>
public sealed record FieldText(string? Given, string Shown, string Holds, int Element)
{
    public static readonly FieldText Initial = new(null, "", "", 0);

    public FieldText Typed(string text) => this with { Holds = text };

    public FieldText GivenValue(string value)
    {
        if (value == Given)
        {
            return this; // the parent has not changed its value: what the user typed stays
        }

        // The element already holds it (the user typed it): writing the attribute now could overwrite a keystroke typed
        // since, so only a different text is written, on a new element.
        return value == Holds ? this with { Given = value } : new(value, value, value, Element + 1);
    }
}
