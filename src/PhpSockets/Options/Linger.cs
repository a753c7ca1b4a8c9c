namespace PhpSockets;

/// <summary>
/// The value of SO_LINGER (struct linger, socket(7)): PHP's <c>['l_onoff' => int, 'l_linger' => int]</c>.
/// With <see cref="Enabled"/>, socket_close and shutdown wait up to <see cref="Seconds"/> for unsent
/// data; <c>new Linger(true, 0)</c> makes close reset the connection.
/// </summary>
/// <param name="Enabled">l_onoff: whether lingering is on.</param>
/// <param name="Seconds">l_linger: how long to linger, 0 to 65535 (PHP sends 16 bits of it).</param>
public readonly record struct Linger(bool Enabled, int Seconds)
{
    /// <summary>PHP's array form, <c>['l_onoff' => 0|1, 'l_linger' => seconds]</c>.</summary>
    public PhpArray ToPhpArray() => new() { ["l_onoff"] = Enabled ? 1L : 0L, ["l_linger"] = (long)Seconds };
}
