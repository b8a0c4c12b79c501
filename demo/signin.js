// The demo only echoes what it received; it does not verify codes.
document.getElementById('otp-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const code = document.getElementById('otp').value
  document.getElementById('result').textContent = /^\d{6}$/.test(code) ? `Received code ${code}.` : 'Enter the 6 digits.'
})
