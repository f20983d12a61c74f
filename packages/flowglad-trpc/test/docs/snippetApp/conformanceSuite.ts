// The emulator README's conformance snippets import `../support/conformanceSuite`: the real one.
export * from '../../../../flowglad-emulator/test/support/conformanceSuite'
