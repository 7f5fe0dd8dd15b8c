C ipi-irqs-off-pass

(*
 * smp_call_function() with IRQs enabled: the other CPU runs the handler.
 *
 * Expect: sc: pass
 *)

{ int x = 0; }

void handler(void *info)
{
	WRITE_ONCE(x, 1);
}

P0(int *x)
{
	unsigned long flags;

	local_irq_save(flags);
	local_irq_restore(flags);
	smp_call_function(handler, NULL, 1);
}

P1(int *x)
{
	local_irq_disable();
	local_irq_enable();
}
