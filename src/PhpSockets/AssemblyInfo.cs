// Only blittable types cross into libc: no hidden marshalling copies, trim- and AOT-clean.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
